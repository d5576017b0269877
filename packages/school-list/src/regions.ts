/**
 * The nine English regions, by DfE local authority code (the 151 LAs of the 2019–20 school list).
 * The school list has no region column; trusts are formed within a region, as real MATs mostly are.
 */
export const REGIONS = [
  'London',
  'South East',
  'South West',
  'East of England',
  'East Midlands',
  'West Midlands',
  'Yorkshire and the Humber',
  'North West',
  'North East',
] as const;
export type Region = (typeof REGIONS)[number];

const byRegion: Record<Region, string> = {
  London: '201-213 301-320',
  'South East': '825 826 845 846 850 851 852 867 868 869 870 871 872 886 887 921 931 936 938',
  'South West': '420 800 801 802 803 838 839 865 866 878 879 880 908 916 933',
  'East of England': '821 822 823 873 874 881 882 883 919 926 935',
  'East Midlands': '830 831 855 856 857 891 892 925 928',
  'West Midlands': '330-336 860 861 884 885 893 894 937',
  'Yorkshire and the Humber': '370-373 380-384 810 811 812 813 815 816',
  'North West': '340-344 350-359 876 877 888 889 890 895 896 909',
  'North East': '390-394 805 806 807 808 840 841 929',
};

const regionOfCode = new Map<string, Region>();
for (const region of REGIONS) {
  for (const part of byRegion[region].split(' ')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    for (let code = from; code <= to; code++) regionOfCode.set(String(code), region);
  }
}

/** The region of an LA code, or undefined for a code that is not an English LA. */
export function regionOf(laCode: string): Region | undefined {
  return regionOfCode.get(laCode);
}
